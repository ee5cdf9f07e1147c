package io.github.requesttracking.consumer.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard page: {@code /dashboard} redirects to {@code /dashboard/}, which
 * shows {@code static/dashboard/index.html}. Its script and style sheet are served from
 * the same directory, so the page needs no network beyond the consumer. Access is
 * restricted to viewers and admins by the security configuration.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/dashboard", "/dashboard/").setKeepQueryParams(true);
		registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
	}

}
